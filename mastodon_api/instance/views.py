"""What a client reads before anyone logs in: the server's description and limits, NodeInfo. No token
needed."""

from rest_framework.response import Response

from mastodon_api.base import MastodonView
from mastodon_api.entities.instance import instance_v1, instance_v2, nodeinfo, nodeinfo_links


class PublicView(MastodonView):
    person_required = False


class InstanceV1View(PublicView):
    def get(self, request):
        return Response(instance_v1(request))


class InstanceV2View(PublicView):
    def get(self, request):
        return Response(instance_v2(request))


class NodeInfoLinksView(PublicView):
    def get(self, request):
        return Response(nodeinfo_links(request))


class NodeInfoView(PublicView):
    def get(self, request):
        return Response(nodeinfo(request))
