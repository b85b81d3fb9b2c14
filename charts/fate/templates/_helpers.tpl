{{- /* A module's settings: its spec section merged over `defaults.<module>` (a path like "spark.master"). */ -}}
{{- define "fate.conf" -}}
{{- $user := .root.Values -}}
{{- $def := .root.Values.defaults -}}
{{- range splitList "." .module -}}
{{- $user = (index ($user | default dict) .) -}}
{{- $def = (index ($def | default dict) .) -}}
{{- end -}}
{{- toYaml (merge (deepCopy ($user | default dict)) (deepCopy ($def | default dict))) -}}
{{- end -}}

{{- /* Selector labels of a module's pods. */ -}}
{{- define "fate.selectorLabels" -}}
name: {{ .root.Release.Name }}
partyId: {{ .root.Values.partyId | default 0 | int64 | quote }}
fateMoudle: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- /* All labels of a module's objects. */ -}}
{{- define "fate.labels" -}}
{{ include "fate.selectorLabels" . }}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: fate
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- /* An image reference: registry/repository:tag (dict root, repository, tag (optional), image (optional full name)). */ -}}
{{- define "fate.image" -}}
{{- if .image -}}
{{ .image }}:{{ .tag | default .root.Values.imageTag }}
{{- else -}}
{{- $registry := .root.Values.registry | default "federatedai" -}}
{{ $registry }}/{{ .repository }}:{{ .tag | default .root.Values.imageTag }}
{{- end -}}
{{- end -}}

{{- /* Pod-level settings shared by every module (dict root, conf). */ -}}
{{- define "fate.podSettings" -}}
serviceAccountName: {{ .root.Release.Name }}
automountServiceAccountToken: false
securityContext:
  seccompProfile:
    type: RuntimeDefault
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
{{ toYaml . }}
{{- end }}
{{- with .conf.nodeSelector }}
nodeSelector:
{{ toYaml . | indent 2 }}
{{- end }}
{{- with .conf.tolerations }}
tolerations:
{{ toYaml . }}
{{- end }}
{{- with .conf.affinity }}
affinity:
{{ toYaml . | indent 2 }}
{{- end }}
{{- end -}}

{{- /* Container-level settings shared by every container (dict root, conf). */ -}}
{{- define "fate.containerSettings" -}}
imagePullPolicy: {{ .root.Values.pullPolicy | default "IfNotPresent" }}
securityContext:
  privileged: false
  allowPrivilegeEscalation: false
  capabilities:
    drop: ["NET_RAW"]
resources:
{{ toYaml .conf.resources | indent 2 }}
{{- end -}}

{{- /* Pod template annotations: istio sidecar injection follows istio.enabled. */ -}}
{{- define "fate.podAnnotations" -}}
sidecar.istio.io/inject: {{ (.root.Values.istio | default dict).enabled | default false | quote }}
{{- end -}}

{{- /* A TCP readiness probe on a port. */ -}}
{{- define "fate.tcpReadiness" -}}
readinessProbe:
  tcpSocket:
    port: {{ . }}
  initialDelaySeconds: 5
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 6
livenessProbe:
  tcpSocket:
    port: {{ . }}
  initialDelaySeconds: 60
  periodSeconds: 20
  timeoutSeconds: 3
  failureThreshold: 6
{{- end -}}

{{- /* A Service (dict root, name, conf, ports: list of dict name port nodePortKey). */ -}}
{{- define "fate.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  labels:
{{ include "fate.labels" . | indent 4 }}
spec:
  type: {{ .conf.type | default "ClusterIP" }}
  {{- if and (eq (.conf.type | default "ClusterIP") "LoadBalancer") .conf.loadBalancerIP }}
  loadBalancerIP: {{ .conf.loadBalancerIP }}
  {{- end }}
  ports:
  {{- $conf := .conf }}
  {{- range .ports }}
    - name: {{ .name }}
      port: {{ .port }}
      targetPort: {{ .port }}
      protocol: TCP
      {{- if and .nodePortKey (has ($conf.type | default "ClusterIP") (list "NodePort" "LoadBalancer")) }}
      {{- with index $conf .nodePortKey }}
      nodePort: {{ . | int64 }}
      {{- end }}
      {{- end }}
  {{- end }}
  selector:
{{ include "fate.selectorLabels" (dict "root" .root "name" (.selector | default .name)) | indent 4 }}
{{- end -}}

{{- /* The volume of a module's data (dict root, name, conf, volume): a PVC when persistence is on, else emptyDir. */ -}}
{{- define "fate.dataVolume" -}}
- name: {{ .volume | default "data" }}
{{- if .root.Values.persistence }}
  persistentVolumeClaim:
    claimName: {{ .conf.existingClaim | default (printf "%s-data" .name) }}
{{- else }}
  emptyDir: {}
{{- end }}
{{- end -}}

{{- /* The PVC of a module's data, when persistence is on and no existing claim is named. */ -}}
{{- define "fate.dataClaim" -}}
{{- if and .root.Values.persistence (not .conf.existingClaim) }}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ .name }}-data
  labels:
{{ include "fate.labels" . | indent 4 }}
spec:
  accessModes:
    - {{ .conf.accessMode | default "ReadWriteOnce" }}
  {{- with .conf.storageClass }}
  storageClassName: {{ . }}
  {{- end }}
  resources:
    requests:
      storage: {{ .conf.size | default "1Gi" }}
{{- end }}
{{- end -}}

{{- /* An Ingress for a module (dict root, name, service, port); rendered only when ingress.<name>.hosts is set. */ -}}
{{- define "fate.ingress" -}}
{{- $ing := index (.root.Values.ingress | default dict) .name | default dict -}}
{{- if $ing.hosts }}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ .name }}
  labels:
{{ include "fate.labels" . | indent 4 }}
  {{- with $ing.annotations }}
  annotations:
{{ toYaml . | indent 4 }}
  {{- end }}
spec:
  {{- with .root.Values.ingressClassName }}
  ingressClassName: {{ . }}
  {{- end }}
  rules:
  {{- $svc := .service | default .name }}
  {{- $port := .port }}
  {{- range $ing.hosts }}
    - host: {{ .name }}
      http:
        paths:
          - path: {{ .path | default "/" }}
            pathType: Prefix
            backend:
              service:
                name: {{ $svc }}
                port:
                  number: {{ $port }}
  {{- end }}
  {{- with $ing.tls }}
  tls:
{{ toYaml . | indent 4 }}
  {{- end }}
{{- end }}
{{- end -}}
