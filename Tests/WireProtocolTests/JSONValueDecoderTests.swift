import Foundation
import Testing

@testable import WireProtocol

@Suite("params decoded straight from their JSON values")
struct JSONValueDecoderTests {
    /// The error a client gets, as text: the same from either decoder.
    func outcome<P: MethodParams & Equatable>(_ type: P.Type, _ params: String, direct: Bool) -> String {
        let value = try! JSONValue.parse(Data(params.utf8))
        do {
            let decoded: P =
                direct ? try JSONValueDecoder.decode(P.self, from: value) : try value.decode(P.self)
            return "\(decoded)"
        } catch let error as DecodingError {
            // The coding path and the kind of error are what the -32602 is made from.
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "mismatch at \(context.codingPath.map(\.stringValue))"
            case .keyNotFound(let key, let context):
                return "missing \(key.stringValue) at \(context.codingPath.map(\.stringValue))"
            case .dataCorrupted(let context):
                return "corrupted at \(context.codingPath.map(\.stringValue))"
            @unknown default:
                return "\(error)"
            }
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "the same params, or the same error at the same place, as JSONDecoder",
        arguments: [
            #"{}"#, #"{"dataset":"x","regions":["14130","横浜市"],"years":[1990,2010],"span":"endpoints"}"#,
            #"{"regions":"14130"}"#, #"{"years":["1990"]}"#, #"{"span":"some"}"#,
            #"{"span":null}"#, #"{"years":[null]}"#, #"{"dataset":5}"#, #"{"years":[99999999999999999]}"#,
            #"[]"#, #"7"#,
        ])
    func sameAsJSONDecoder(params: String) {
        let direct = outcome(IndustryStructureParams.self, params, direct: true)
        let viaJSON = outcome(IndustryStructureParams.self, params, direct: false)
        #expect(direct == viaJSON, "\(params)")
    }

    @Test("a fraction where an integer is wanted is named where it is (JSONDecoder gives no place)")
    func fraction() {
        #expect(
            outcome(IndustryStructureParams.self, #"{"years":[1990.5]}"#, direct: true)
                == #"corrupted at ["years", "Index 0"]"#)
    }

    @Test("a required member and an integer bound, as the params types declare them")
    func required() {
        #expect(
            outcome(InitiativeGetParams.self, #"{}"#, direct: true)
                == outcome(InitiativeGetParams.self, #"{}"#, direct: false))
        #expect(outcome(InitiativeGetParams.self, #"{"id":"a"}"#, direct: true) == "\(InitiativeGetParams(id: "a"))")
        #expect(
            outcome(InitiativesListParams.self, #"{"limit":5,"offset":0}"#, direct: true)
                == "\(InitiativesListParams(offset: 0, limit: 5))")
    }
}
