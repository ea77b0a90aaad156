"""The SSRF guard with no test addresses allowed, as in production: what it refuses and why."""

import ipaddress

import pytest

from previews.guard import LinkRefused, address_is_public, checked_target


@pytest.fixture(autouse=True)
def production_guard(settings):
    settings.LINK_PREVIEW_TEST_ADDRESSES = frozenset()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.2:8000/admin/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a00:1]/",
        "http://[2002:7f00:1::]/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0177.0.0.1/",
        "http://127.1/",
    ],
)
def test_non_public_addresses_are_refused_however_written(url):
    with pytest.raises(LinkRefused, match="non-public"):
        checked_target(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://ftp.example.com/file", "scheme"),
        ("gopher://93.184.216.34/", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("//93.184.216.34/", "scheme"),
        ("http://user:pass@93.184.216.34/", "credentials"),
        ("https://token@93.184.216.34/", "credentials"),
        ("http://93.184.216.34:8080/", "port 8080"),
        ("https://93.184.216.34:22/", "port 22"),
        ("http:///path", "no host"),
        ("http://[::1/", "not a valid URL"),
        ("http://93.184.216.34:99999/", "not a valid URL"),
        ("http://no-such-host.invalid/", "does not resolve"),
    ],
)
def test_links_the_guard_refuses(url, reason):
    with pytest.raises(LinkRefused, match=reason):
        checked_target(url)


def test_a_public_address_passes_on_its_default_port():
    target = checked_target("https://93.184.216.34/path?q=1")
    assert (target.scheme, target.host, target.port, target.path) == ("https", "93.184.216.34", 443, "/path?q=1")
    assert target.addresses == ("93.184.216.34",)


def test_the_test_setting_allows_only_the_addresses_it_names(settings):
    settings.LINK_PREVIEW_TEST_ADDRESSES = frozenset({"127.0.0.1"})
    assert checked_target("http://127.0.0.1:8123/").addresses == ("127.0.0.1",)
    with pytest.raises(LinkRefused):
        checked_target("http://127.0.0.2:8123/")
    with pytest.raises(LinkRefused):
        checked_target("http://10.0.0.1/")


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("8.8.8.8", True),
        ("169.254.169.254", False),
        ("100.100.100.200", False),
        ("198.18.0.1", False),
        ("192.0.2.1", False),
        ("255.255.255.255", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:8.8.8.8", True),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),
        ("ff02::1", False),
        ("2001:db8::1", False),
    ],
)
def test_address_is_public(address, public):
    assert address_is_public(ipaddress.ip_address(address)) is public
