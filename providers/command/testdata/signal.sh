# Kills itself.
kill -TERM $$
