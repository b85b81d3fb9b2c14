#!/usr/bin/env python3
"""Drives the real Helm v4 library (helm_sdkpy) for the Helm interop tests (Tests/DeployTests/HelmInterop*).

usage: helm_interop.py <command> <namespace> <release> [chart] [values-json]
  inspect    list, status, history, get values (user and all) and the manifest of <release>
  install    helm install <chart> with <values-json> (client-side apply, no wait)
  upgrade    helm upgrade <release> to <chart> with <values-json> (no wait)
  uninstall  helm uninstall <release>, waiting until its objects are gone

Needs KUBECONFIG (the kubesim the test started) and HELM_SDKPY_PATH (the directory holding
helm_sdkpy/, as ../shared/tools/kube-fidelity/setup.sh prepares it). Prints one JSON document on
stdout; on a Helm error prints {"error": "..."} and exits 1.
"""
import asyncio
import json
import os
import sys

sys.path.insert(0, os.environ["HELM_SDKPY_PATH"])
import helm_sdkpy as hs  # noqa: E402


def summary(release):
    """The fields of a Helm release the tests compare."""
    info = release.get("info", {})
    chart = release.get("chart", {}).get("metadata", {})
    return {
        "name": release.get("name"),
        "namespace": release.get("namespace"),
        "version": release.get("version"),
        "status": info.get("status"),
        "description": info.get("description"),
        "chart": chart.get("name"),
        "chartVersion": chart.get("version"),
    }


def inspect(cfg, release):
    run = asyncio.run
    status = run(hs.Status(cfg).run(release))
    return {
        "list": [summary(r) for r in run(hs.List(cfg).run(all=True))],
        "status": summary(status),
        "manifest": status.get("manifest", ""),
        "history": [summary(r) for r in run(hs.History(cfg).run(release))],
        "values": run(hs.GetValues(cfg).run(release)),
        "allValues": run(hs.GetValues(cfg).run(release, all=True)),
    }


def main(argv):
    command, namespace, release = argv[1], argv[2], argv[3]
    chart = argv[4] if len(argv) > 4 else None
    values = json.loads(argv[5]) if len(argv) > 5 else None
    cfg = hs.Configuration(namespace=namespace, kubeconfig=os.environ["KUBECONFIG"])
    run = asyncio.run
    if command == "inspect":
        return inspect(cfg, release)
    if command == "install":
        return summary(run(hs.Install(cfg).run(release, chart, values=values, wait=False, timeout=120)))
    if command == "upgrade":
        return summary(run(hs.Upgrade(cfg).run(release, chart, values=values, wait=False, timeout=120)))
    if command == "uninstall":
        return run(hs.Uninstall(cfg).run(release, wait=True, timeout=120))
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    try:
        print(json.dumps(main(sys.argv), default=str))
    except hs.HelmError as error:
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        sys.exit(1)
