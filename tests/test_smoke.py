def test_explore_page_renders(client, db):
    response = client.get("/explore/")
    assert response.status_code == 200
    assert b"Explore" in response.content
