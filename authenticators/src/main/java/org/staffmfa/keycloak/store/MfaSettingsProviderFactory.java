package org.staffmfa.keycloak.store;

import org.keycloak.component.ComponentFactory;

/** The factory type of the {@value MfaSettingsSpi#NAME} SPI (its one implementation lives in package admin). */
public interface MfaSettingsProviderFactory extends ComponentFactory<MfaSettingsProvider, MfaSettingsProvider> {
}
