package io.keyuan.survey;

import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobRequest;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** A campaign's answer sheet ({@link AnswerSheets}) as an export job: it goes on when the page closes. */
@Component
public class AnswerSheetJob extends ExportJob<AnswerSheetJob.Parameters> {
    public static final String KIND = "survey-answer-sheet";

    /** The campaign, the language of its headers and notes, and the file's name. */
    public record Parameters(long campaignId, String language, String fileName) implements ExportJob.Parameters {}

    private final AnswerSheets sheets;

    AnswerSheetJob(AnswerSheets sheets) {
        super(Parameters.class);
        this.sheets = sheets;
    }

    /** The request for the campaign's answer sheet, headers in {@code locale}. */
    public static JobRequest request(CampaignDetail campaign, Locale locale) {
        return ExportJob.request(
                KIND,
                new Parameters(
                        campaign.id(),
                        (locale == null ? Locale.SIMPLIFIED_CHINESE : locale).toLanguageTag(),
                        fileName(campaign.id())),
                null);
    }

    static String fileName(long campaignId) {
        return "answer-sheet-" + CampaignCodes.of(campaignId) + ".xlsx";
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    protected long expectedRows(Parameters p) {
        return sheets.rows(p.campaignId());
    }

    @Override
    protected long write(
            Parameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return sheets.write(p.campaignId(), locale, out, progress, cancelled);
    }
}
