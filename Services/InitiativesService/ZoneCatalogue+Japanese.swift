import WireProtocol

extension ZoneCatalogue {
    /// The catalogue without its English members, for the Japanese edition.
    var japaneseOnly: ZoneCatalogue {
        var copy = self
        copy.zone.nameEn = nil
        copy.zone.definitionEn = nil
        copy.zone.designationEn = nil
        for index in copy.zone.applicationReasons.indices { copy.zone.applicationReasons[index].textEn = nil }
        for index in copy.cities.indices {
            copy.cities[index].nameEn = nil
            copy.cities[index].creditsEn = nil
        }
        for index in copy.initiatives.indices {
            copy.initiatives[index].summaryEn = nil
            copy.initiatives[index].outlookEn = nil
            copy.initiatives[index].creditsEn = nil
            copy.initiatives[index].organisation.nameEn = nil
            for partner in copy.initiatives[index].partners.indices {
                copy.initiatives[index].partners[partner].nameEn = nil
            }
        }
        return copy
    }
}
