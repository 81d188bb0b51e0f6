package io.quantumsafe.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The names a certificate is for: its subject CN and its DNS, IP and URI subject alternative names. */
final class CertificateNames {
    private static final int DNS = 2;
    private static final int URI = 6;
    private static final int IP = 7;

    private CertificateNames() {}

    static List<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) names.add(rdn.getValue().toString());
            }
        } catch (InvalidNameException e) {
            // A subject that is not a valid DN contributes no name.
        }
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == DNS || type == URI || type == IP) names.add(san.get(1).toString());
                }
            }
        } catch (CertificateParsingException e) {
            // Unparseable SANs contribute no name; the allow-list then cannot match them.
        }
        return names;
    }
}
