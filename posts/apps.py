from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "posts"

    def ready(self):
        # This app's figures, for /metrics and threadly_stats (threadly.observability.metrics).
        from posts.metrics import GAUGES
        from threadly.observability.metrics import metric_register

        for gauge in GAUGES:
            metric_register(app_label=self.label, gauge=gauge)
