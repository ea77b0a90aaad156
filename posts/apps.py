from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "posts"

    def ready(self):
        # This app's figures, for /metrics and threadly_stats (threadly.observability.metrics).
        from posts.metrics import GAUGES
        from threadly.observability.metrics import metric_register

        for gauge in GAUGES:
            metric_register(app_label=self.label, gauge=gauge)

        # An image's alt text changed: the post carrying it is rendered anew (images sits below posts).
        from images.signals import image_described
        from posts.attachments import post_rerender_for_described_image

        image_described.connect(post_rerender_for_described_image, dispatch_uid="posts.rerender_described_image")
