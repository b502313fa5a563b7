package io.keyuan.shared.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

@com.vaadin.flow.component.page.Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/keyuan.css")
@Meta(name = "viewport", content = "width=device-width, initial-scale=1")
public class KeyuanAppShell implements AppShellConfigurator {
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("客源 Keyuan");
    }
}
