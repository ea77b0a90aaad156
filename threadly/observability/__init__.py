"""What operators see of a running Threadly: health probes, Prometheus metrics, request ids in JSON logs."""
