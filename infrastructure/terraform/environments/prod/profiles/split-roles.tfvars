# Roles as separate services: api behind the load balancer, ai reachable only inside the
# cluster (Service Connect: http://ai:8080), worker without any inbound traffic.
# Three tasks cost about three times the single-task default; use when one role needs to scale.
services = {
  api = {
    cpu           = 256
    memory        = 512
    desired_count = 1
    command       = ["serve", "--role", "api", "--urls", "http://0.0.0.0:8080"]
    load_balanced = true
    environment   = { AI_SERVICE_URL = "http://ai:8080" }
  }
  ai = {
    cpu             = 512
    memory          = 1024
    desired_count   = 1
    command         = ["serve", "--role", "ai", "--urls", "http://0.0.0.0:8080"]
    service_connect = true
  }
  worker = {
    cpu           = 256
    memory        = 1024
    desired_count = 1
    command       = ["serve", "--role", "worker", "--urls", "http://0.0.0.0:8080"]
  }
}

# RunningTaskCount per service: the worker has no load balancer to watch it.
task_count_alarm = "both"
