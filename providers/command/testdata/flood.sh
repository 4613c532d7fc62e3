# Writes without end.
echo '['
while :; do echo '"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",'; done
