def test_the_home_page_is_dutch_by_default_and_explains_the_product(client, cast):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "Een kompas voor de toekomst van je kern" in html
    # The live parts (places, Vitrine, Kernmonitor) are linked and counted, with real plurals.
    assert "2 gemeenten, 1 kern:" in html
    assert 'action="/plaatsen/"' in html
    assert '<h3><a href="/vitrine/">Vitrine</a></h3>' in html
    assert '<h3><a href="/monitor/">Kernmonitor</a></h3>' in html
    # The Kern-DNA is a working part too (issue 12): linked, counted, no longer "in ontwikkeling".
    assert '<h3><a href="/dna/">Kern-DNA</a></h3>' in html
    assert "0 gepubliceerde Kernkompassen" in html and 'href="/dna/regio/"' in html
    # The Binnenstadslab too (issue 13): counted, with its links once its pages are there.
    assert "0 gepubliceerde actieplannen" in html and "0 openbare labverslagen" in html
    assert html.count("In ontwikkeling") == 1  # Stedelijk leren still is


def test_the_home_page_is_english_under_en(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "A compass for the future of your town centre" in html


def test_the_demo_region_is_offered_only_when_it_is_there(client, cast):
    assert "Probeer de demoregio" not in client.get("/").content.decode()
    cast.veldrode.is_demo = True
    cast.veldrode.save(update_fields=["is_demo"])
    html = client.get("/").content.decode()
    assert "Probeer de demoregio" in html and 'href="/plaatsen/veldrode/"' in html
