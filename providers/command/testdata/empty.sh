# Writes nothing at all.
echo "export: nothing to export" >&2
