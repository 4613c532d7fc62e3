# Writes JSON with a missing comma on its third line.
echo "export: 2 records" >&2
printf '[\n  {"id": 1},\n  {"id": 2}\n  {"id": 3}\n]\n'
