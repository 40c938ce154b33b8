# On-demand Fargate instead of Fargate Spot: no interruptions (with one task, a Spot interruption
# is a one-to-two-minute outage while ECS starts a replacement). About +$5.96/month for the
# default 0.25 vCPU / 1 GB ARM64 task.
#   scripts/plan-json.sh plan-on-demand.json on-demand
capacity_provider = "FARGATE"
