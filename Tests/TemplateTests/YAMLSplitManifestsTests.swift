import Testing
import KFTemplate

@Suite struct YAMLSplitManifestsTests {
    @Test func splitsOnLinesStartingWithDashes() {
        #expect(YAML.splitManifests("a: 1\n---\nb: 2\n") == ["a: 1", "b: 2"])
        #expect(YAML.splitManifests("---\na: 1\n---   \n\nb: 2") == ["a: 1", "b: 2"])
        #expect(YAML.splitManifests("a: x---y\n") == ["a: x---y"])
    }

    @Test func dashesFollowedByTextStillSplit() {
        #expect(YAML.splitManifests("a: 1\n---foo\nb: 2") == ["a: 1", "foo\nb: 2"])
    }

    @Test func consecutiveSeparatorsLeaveTheSecondInTheDocument() {
        #expect(YAML.splitManifests("a: 1\n---\n---\nb: 2") == ["a: 1", "---\nb: 2"])
        #expect(YAML.splitManifests("a: 1\r\n---\r\n---\r\nb: 2") == ["a: 1", "---\r\nb: 2"])
        #expect(YAML.splitManifests("# Source: x\n---   \n\n---") == ["# Source: x", "---"])
    }

    @Test func whitespaceOnlyTextHasNoDocuments() {
        #expect(YAML.splitManifests(" \n\t\n").isEmpty)
        #expect(YAML.splitManifests("---\n---").isEmpty == false)
    }

    @Test func carriageReturnsInsideLinesStay() {
        #expect(YAML.splitManifests("a: 1\r\nb: 2\r\n---\r\nc: 3\r\n") == ["a: 1\r\nb: 2", "c: 3"])
    }
}
