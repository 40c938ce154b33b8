# Internet-facing ALB with a regional WAF instead of CloudFront + WAF in front of an internal ALB.
# The ALB then holds one public IPv4 per zone: +$7.30/month for the default two zones.
# Use when a CloudFront distribution is not wanted (for example a regional-only domain).
#   scripts/plan-json.sh plan-alb.json alb
edge_mode = "alb"
