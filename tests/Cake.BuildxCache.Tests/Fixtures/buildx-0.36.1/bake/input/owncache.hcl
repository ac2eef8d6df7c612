target "api" {
  context = "api"
  tags = ["registry.example.com/shop/api:dev"]
  cache-from = ["type=registry,ref=registry.example.com/shop/api:buildcache"]
  cache-to = ["type=registry,ref=registry.example.com/shop/api:buildcache,mode=max"]
  output = ["type=registry"]
}
target "worker" {
  context = "worker"
  dockerfile = "worker.Dockerfile"
}
