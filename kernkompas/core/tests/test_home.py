def test_the_home_page_is_dutch_by_default_and_explains_the_product(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#main"' in html


def test_the_home_page_is_english_under_en(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
