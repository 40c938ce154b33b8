#!/usr/bin/env bash
# IaC policy scan of real offline plans (terraform show -json), the rules a scanner such as tfsec or
# checkov applies, none of which installs from the package registries reachable here:
#   encryption-at-rest  Aurora, ElastiCache, S3 (SSE configuration per bucket), ECR, SNS, log groups, SSM SecureString
#   public-access       S3 public access block (all four settings, one per bucket), no publicly accessible database
#   public-ingress      no 0.0.0.0/0 or ::/0 ingress except the load balancer's 80/443
#   logging             ALB access logs, CloudFront logs, S3 access logs, Aurora log exports
# IAM least privilege is tested in modules/iam/tests (policies are unknown in an environment plan).
# Every finding must be waived in infrastructure/terraform/policy/waivers.json with a reason; a
# plan-rule waiver that matches nothing in any scanned plan fails too.
#   policy-check.sh PLAN.json [PLAN.json ...]
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
waivers="$here/../policy/waivers.json"

findings() { # plan.json -> lines: rule<TAB>type<TAB>address<TAB>message
  jq -r '
    [.planned_values.root_module | recurse(.child_modules[]?) | .resources[]? | select(.mode == "managed")] as $r
    | def of($t): $r[] | select(.type == $t);
      def count($t): [$r[] | select(.type == $t)] | length;
    (
      (of("aws_rds_cluster") | select(.values.storage_encrypted != true) | ["encryption-at-rest", .type, .address, "storage_encrypted is not true"]),
      (of("aws_elasticache_replication_group") | select(.values.at_rest_encryption_enabled != true and .values.at_rest_encryption_enabled != "true") | ["encryption-at-rest", .type, .address, "at_rest_encryption_enabled is not true"]),
      (if count("aws_s3_bucket") > count("aws_s3_bucket_server_side_encryption_configuration") then ["encryption-at-rest", "aws_s3_bucket", "(buckets)", "fewer SSE configurations than buckets"] else empty end),
      (of("aws_ecr_repository") | select((.values.encryption_configuration // []) | length == 0) | ["encryption-at-rest", .type, .address, "no encryption_configuration"]),
      (of("aws_sns_topic") | select(.values.kms_master_key_id == null) | ["encryption-at-rest", .type, .address, "no customer KMS key"]),
      (of("aws_cloudwatch_log_group") | select(.values.kms_key_id == null) | ["encryption-at-rest", .type, .address, "no customer KMS key"]),
      (of("aws_ssm_parameter") | select(.values.type != "SecureString") | ["encryption-at-rest", .type, .address, "parameter is not a SecureString"]),
      (of("aws_s3_bucket_public_access_block") | select([.values.block_public_acls, .values.block_public_policy, .values.ignore_public_acls, .values.restrict_public_buckets] | all(. == true) | not) | ["public-access", .type, .address, "a public access block setting is not true"]),
      (if count("aws_s3_bucket") > count("aws_s3_bucket_public_access_block") then ["public-access", "aws_s3_bucket", "(buckets)", "fewer public access blocks than buckets"] else empty end),
      ($r[] | select(.type == "aws_rds_cluster_instance" or .type == "aws_db_instance") | select(.values.publicly_accessible == true) | ["public-access", .type, .address, "publicly_accessible"]),
      (of("aws_vpc_security_group_ingress_rule") | select(.values.cidr_ipv4 == "0.0.0.0/0" or .values.cidr_ipv6 == "::/0")
        | select((.address | test("aws_vpc_security_group_ingress_rule\\.this\\[\"lb-")) and (.values.from_port as $p | [80, 443] | index($p)) != null and .values.from_port == .values.to_port | not)
        | ["public-ingress", .type, .address, "open to the internet on \(.values.from_port)-\(.values.to_port)"]),
      (of("aws_security_group") | select(any(.values.ingress[]?; (.cidr_blocks // []) | index("0.0.0.0/0"))) | ["public-ingress", .type, .address, "inline ingress from 0.0.0.0/0"]),
      ($r[] | select(.type == "aws_lb" or .type == "aws_alb") | select(any(.values.access_logs[]?; .enabled == true) | not) | ["logging", .type, .address, "access logs off"]),
      (of("aws_cloudfront_distribution") | select((.values.logging_config // []) | length == 0) | ["logging", .type, .address, "standard logs off"]),
      (if count("aws_s3_bucket") > count("aws_s3_bucket_logging") then (of("aws_s3_bucket") | ["logging", .type, .address, "no server access logging"]) else empty end),
      (of("aws_rds_cluster") | select((.values.enabled_cloudwatch_logs_exports // []) | length == 0) | ["logging", .type, .address, "no log export to CloudWatch"])
    ) | @tsv' "$1"
}

rc=0
all="$(mktemp)"
trap 'rm -f "$all"' EXIT
for plan in "$@"; do
  findings "$plan" | sed "s|^|$(basename "$plan")\t|" >>"$all"
done

# Match each finding against the waivers: same rule and resource type, and address_contains if given.
report=$(jq -R -r --slurpfile w "$waivers" '
  split("\t") as [$plan, $rule, $type, $address, $message]
  | ([$w[0].waivers[] | select(.rule == $rule and (.resource_type // $type) == $type and ((.address_contains // "") as $c | $address | contains($c)))] | first) as $hit
  | if $hit then "waived\t\($rule)\t\($type)\t\($address)\t\($plan)\t\($hit.reason | .[0:90])…"
    else "FINDING\t\($rule)\t\($type)\t\($address)\t\($plan)\t\($message)" end' "$all")

checked=$(cut -f1 <<<"$report" | grep -c . || true)
echo "IaC policy scan: $# plan(s), $checked finding(s) before waivers"
[ -z "$report" ] || echo "$report" | sort -u | column -t -s $'\t' | sed 's/^/  /'
if grep -q '^FINDING' <<<"$report"; then
  echo "policy-check: findings above are neither fixed nor waived in infrastructure/terraform/policy/waivers.json" >&2
  rc=1
fi

# Plan-rule waivers that matched nothing: stale, remove them.
stale=$(jq -r --rawfile f "$all" '.waivers[] | select(.rule != "iam-resource-star") as $w
  | select([$f | split("\n")[] | select(. != "") | split("\t") | select(.[1] == $w.rule and .[2] == ($w.resource_type // .[2]) and (.[3] | contains($w.address_contains // "")))] | length == 0)
  | "\(.rule) \(.resource_type // "*") \(.address_contains // "")"' "$waivers")
if [ -n "$stale" ]; then
  echo "policy-check: waivers that match no finding in the scanned plans (remove them):" >&2
  echo "$stale" | sed 's/^/  /' >&2
  rc=1
fi
[ $rc -ne 0 ] || echo "IaC policy scan: OK (every finding fixed or waived with a reason)"
exit $rc
