# Hardened: threat detection and traces on top of the default. GuardDuty (foundational sources and
# S3 data events, findings to the alarm topic) and the ADOT collector sidecar (traces to X-Ray at
# 10% sampling; the task grows from 0.25 vCPU / 1 GB to 0.5 vCPU / 2 GB for it). Priced by
# scripts/cost-check.sh beside the default: docs/adr/0002-telemetry-on-aws.md and docs/cost.md.
#   scripts/plan-json.sh plan-hardened.json hardened
guardduty_enabled = true

otel_collector = {
  enabled = true
}
