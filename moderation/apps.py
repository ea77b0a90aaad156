from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        # This app's figures, for /metrics and threadly_stats (threadly.observability.metrics).
        from moderation.metrics import GAUGES
        from threadly.observability.metrics import metric_register

        for gauge in GAUGES:
            metric_register(app_label=self.label, gauge=gauge)
