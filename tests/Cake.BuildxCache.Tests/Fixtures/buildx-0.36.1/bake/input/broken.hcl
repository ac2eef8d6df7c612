target "x" {
  context = 
}
