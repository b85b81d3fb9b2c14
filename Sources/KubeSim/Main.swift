@main
struct Main {
    static func main() {
        print("KubeSim: not built yet")
    }
}
