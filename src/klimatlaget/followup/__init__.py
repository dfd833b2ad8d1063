"""Follow-up periods (uppföljning): a quarter or a year in which an organisation reports on each
of its measures and indicators, then approves the period, which locks it as a snapshot."""
