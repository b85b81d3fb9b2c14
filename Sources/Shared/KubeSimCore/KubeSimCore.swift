// KubeSimCore: the Kubernetes API simulator.
