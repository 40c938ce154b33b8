# No cold start: Aurora never pauses (0.5 ACU floor, $43.80/month, instead of paying only for the
# hours it is awake). Use when the 15-30 s resume after an idle period is not acceptable.
#   scripts/plan-json.sh plan-no-cold-start.json environments/prod/profiles/no-cold-start.tfvars
db_min_capacity = 0.5
db_max_capacity = 2
