import Testing
@testable import KFCharts

@Suite struct ManifestSplitterTests {
    @Test func splitsOnSeparatorLinesAndTrimsDocuments() {
        #expect(ManifestSplitter.split("a: 1\n---\nb: 2\n") == ["a: 1", "b: 2"])
        #expect(ManifestSplitter.split("\n\n---\na: 1\n---   \n\nb: 2\n\n") == ["a: 1", "b: 2"])
    }

    @Test func separatorMayBeFollowedByTextOnItsLine() {
        #expect(ManifestSplitter.split("a: 1\n---foo: 2") == ["a: 1", "foo: 2"])
    }

    @Test func dashesInsideALineDoNotSplit() {
        #expect(ManifestSplitter.split("a: x---y\nb: ---") == ["a: x---y\nb: ---"])
    }

    @Test func consecutiveSeparatorsLeaveADashLineInTheNextDocument() {
        #expect(ManifestSplitter.split("a: 1\n---\n---\nb: 2") == ["a: 1", "---\nb: 2"])
        #expect(ManifestSplitter.split("a: 1\r\n---\r\n---\r\nb: 2\r\n") == ["a: 1", "---\r\nb: 2"])
        #expect(ManifestSplitter.split("a: 1\n---   \n\n---") == ["a: 1", "---"])
    }

    @Test func keepsCarriageReturnsInsideLines() {
        #expect(ManifestSplitter.split("a: 1\r\nb: 2\r\n---\r\nc: 3\r\n") == ["a: 1\r\nb: 2", "c: 3"])
    }

    @Test func keepsCommentOnlyDocumentsAndDropsBlankOnes() {
        #expect(ManifestSplitter.split("# licence\n---\nkind: A") == ["# licence", "kind: A"])
        #expect(ManifestSplitter.split("  \n\t") == [])
        #expect(ManifestSplitter.split("---") == [])
        #expect(ManifestSplitter.split("--- \na: 1") == ["a: 1"])
    }

    @Test func trimsUnicodeSpaceLikeGo() {
        #expect(GoText.trimSpace("\u{00A0}\u{3000} a \u{2028}\u{85}") == "a")
        #expect(GoText.trimSpace("\u{FEFF}a") == "\u{FEFF}a")
    }
}

@Suite struct KindSorterTests {
    private func object(_ kind: String, _ name: String) -> ManifestObject {
        ManifestObject(source: "c/templates/\(name).yaml", apiVersion: "v1", kind: kind, name: name,
                       namespace: nil, annotations: [:], text: "kind: \(kind)", hook: nil)
    }

    @Test func ordersByInstallOrderKeepingFileOrderWithinAKind() {
        let input = [object("Deployment", "d1"), object("Service", "s1"), object("ConfigMap", "c1"),
                     object("Deployment", "d0"), object("Namespace", "n"), object("Service", "s0")]
        #expect(KindSorter.sorted(input).map(\.name) == ["n", "c1", "s1", "s0", "d1", "d0"])
    }

    @Test func unknownKindsGoLastSortedByKindNameWithCommentOnlyFirst() {
        let input = [object("VirtualService", "v"), object("", "comment1"), object("Gateway", "g"),
                     object("Ingress", "i"), object("", "comment2"), object("APIService", "api")]
        #expect(KindSorter.sorted(input).map(\.name) == ["i", "api", "comment1", "comment2", "g", "v"])
    }

    @Test func uninstallOrderHasTheSameKindsAndDeletesServicesBeforeWorkloads() {
        #expect(Set(KindSorter.uninstallOrder) == Set(KindSorter.installOrder))
        let position = { (kind: String) in KindSorter.uninstallOrder.firstIndex(of: kind) ?? -1 }
        #expect(position("Service") < position("Deployment"))
        #expect(position("Namespace") == KindSorter.uninstallOrder.count - 1)
    }
}
