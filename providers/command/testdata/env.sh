# Prints its working directory's name, an argument and an environment
# variable as JSON.
printf '{"dir": "%s", "arg": "%s", "format": "%s", "home_set": %s}\n' "$(basename "$(pwd)")" "$1" "$REPORT_FORMAT" "$([ -n "$HOME" ] && echo true || echo false)"
