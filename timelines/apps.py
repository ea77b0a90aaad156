from django.apps import AppConfig


class TimelinesConfig(AppConfig):
    """Home timelines: the Redis feeds, their fan-out and rebuild, and the read path (its one door is
    `timelines.reads.home_page`). Its state lives in Redis; PostgreSQL stays the source of truth."""

    name = "timelines"

    def ready(self):
        from threadly.observability.metrics import metric_register
        from timelines.metrics import GAUGES

        for gauge in GAUGES:
            metric_register(app_label=self.label, gauge=gauge)
