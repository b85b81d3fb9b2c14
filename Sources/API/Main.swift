@main
struct Main {
    static func main() {
        print("API: not built yet")
    }
}
