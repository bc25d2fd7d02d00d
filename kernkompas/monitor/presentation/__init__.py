"""What the Kernmonitor's pages make of what the selectors read: the views only put these pieces together.

- :mod:`.formats`: numbers, shares, dates and changes as the pages write them, in the active language;
- :mod:`.panels`: the indicator cards with their trend and comparison, vacancy by duration, churn, the threshold
  notices and the download links;
- :mod:`.units`: each unit as a map point and a table row (built in Python with ``format_html`` and cached: a
  template loop over 2,000 units would cost the page most of its time), and the map's GeoJSON;
- :mod:`.dashboard_charts`: the vacancy, function mix and footfall charts (SVG from :mod:`kernkompas.monitor.charts`)
  with their tables.
"""
