group "default" {
  targets = ["warned", "clean"]
}
target "warned" {
  context = "a"
  tags = ["127.0.0.1:5000/shop/warned"]
}
target "clean" {
  context = "b"
  tags = ["127.0.0.1:5000/shop/clean"]
}

target "broken" {
  context = "b"
  dockerfile = "Broken.Dockerfile"
  tags = ["127.0.0.1:5000/shop/broken"]
}
