from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """The top floor: commands that compose every other app (demo data, the operators' figures).

    It may import any app; no app imports it, so `threadly/` keeps only the plumbing they share.
    """

    name = "operations"
