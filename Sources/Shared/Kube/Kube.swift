// KFKube: Kubernetes client over libcurl.
