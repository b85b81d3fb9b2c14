@main
struct Main {
    static func main() {
        print("Worker: not built yet")
    }
}
