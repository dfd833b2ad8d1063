"""The membership test's results: the secretariat's table (page, CSV, API) and each member's
own result for its editors."""
