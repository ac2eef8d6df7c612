variable "TAG" {
  default = "dev"
}

group "default" {
  targets = ["api", "worker"]
}

target "base" {
  dockerfile = "Dockerfile"
  args = {
    NODE_VERSION = "22"
  }
}

target "api" {
  inherits = ["base"]
  context = "api"
  target = "runtime"
  tags = ["registry.example.com/shop/api:${TAG}"]
  platforms = ["linux/amd64"]
}

target "worker" {
  inherits = ["base"]
  context = "worker"
  dockerfile = "worker.Dockerfile"
  args = {
    QUEUE = "jobs"
  }
  tags = ["registry.example.com/shop/worker:${TAG}", "registry.example.com/shop/worker:latest"]
}
