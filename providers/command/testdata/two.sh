# Writes two JSON values, one per line (JSON Lines), not one value.
echo '{"id": 1}'
echo '{"id": 2}'
