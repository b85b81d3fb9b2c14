@main
struct Main {
    static func main() {
        print("CLI: not built yet")
    }
}
