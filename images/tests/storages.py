"""A storage that fails as a full disk or an unreachable bucket would, for the tests of what a failure leaves."""

from django.core.files.storage import FileSystemStorage


class ThumbnailRefusingStorage(FileSystemStorage):
    """The filesystem, except that writing a thumbnail fails: the picture before it was written."""

    def _save(self, name, content):
        if name.startswith("thumbnails/"):
            raise OSError("No space left on device")
        return super()._save(name, content)
