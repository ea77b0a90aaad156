from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        # This app's figures, for /metrics and threadly_stats (threadly.observability.metrics).
        from accounts.metrics import GAUGES
        from threadly.observability.metrics import metric_register

        for gauge in GAUGES:
            metric_register(app_label=self.label, gauge=gauge)
