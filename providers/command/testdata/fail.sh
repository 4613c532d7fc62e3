# Writes a long log to standard error, then fails.
i=0
while [ $i -lt 100 ]; do
  echo "export: retrying page $i of the audit log" >&2
  i=$((i + 1))
done
echo "export: HTTP 401 Unauthorized: the API token has expired" >&2
echo '{"partial": true'
exit 3
