# Starts a child that sleeps, records its process id in $PIDFILE, then waits
# for it: the time limit must kill both.
sleep 60 &
echo $! > "$PIDFILE"
echo "hang: started child $!" >&2
wait
