# Prints one JSON object: a password policy, as an admin API returns it.
cat <<'JSON'
{
  "policy": "default",
  "min_length": 14,
  "max_age_days": 90,
  "complexity": {"upper": true, "lower": true, "digit": true, "symbol": false},
  "lockout": {"attempts": 5, "duration_minutes": 30.5}
}
JSON
