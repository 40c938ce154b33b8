# CloudFront + WAF in front of an internal ALB (no public IPv4 on the ALB; with a CloudFront
# flat-rate plan the WAF is included). Check the prefix list id of your region with:
#   aws ec2 describe-managed-prefix-lists --region us-east-2 \
#     --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing
edge_mode                 = "cloudfront"
cloudfront_prefix_list_id = "pl-b6a144df"
