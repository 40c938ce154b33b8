# The seed's choices wherever the default departs from them, all at once: internet-facing ALB
# with a regional WAF, Redis OSS, Secrets Manager names, on-demand Fargate 0.5 vCPU / 1 GB.
# This was the default before the cost review (docs/adr/0001-aws-topology-and-cost.md): about
# $24/month more than the default.
#   scripts/plan-json.sh plan-seed.json seed-compatible
edge_mode         = "alb"
cache_engine      = "redis"
secrets_store     = "secretsmanager"
capacity_provider = "FARGATE"
services = {
  app = {
    cpu           = 512
    memory        = 1024
    desired_count = 1
    command       = ["serve", "--role", "all", "--urls", "http://0.0.0.0:8080"]
    load_balanced = true
  }
}
