package malformed

# Every key of input (one per provider type) is examined: the control passes
# whenever its input loads.
resources contains key if some key, _ in input
