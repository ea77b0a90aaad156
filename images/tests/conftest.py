"""A local S3 server (moto's, in server mode, on loopback) for the storage tests."""

import uuid

import pytest


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on 127.0.0.1 at a free port, for the whole run; its endpoint URL."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_environment(s3_server, monkeypatch):
    """The environment a deployment sets for object storage, with a new bucket made on the server."""
    import boto3

    bucket = f"threadly-{uuid.uuid4().hex[:12]}"
    environment = {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": s3_server,
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
        "S3_REGION": "us-east-1",
        # Browsers fetch the objects unsigned: they are made readable by anyone, as a deployment does.
        "S3_DEFAULT_ACL": "public-read",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    return client, bucket
