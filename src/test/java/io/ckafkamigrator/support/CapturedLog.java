package io.ckafkamigrator.support;

import java.io.StringWriter;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What this JVM logs while it is open, through the root logger at the levels the shipped
 * log4j2.xml lets through: the lines an operator of an in-JVM migrator would read, with
 * exceptions in full.
 */
public final class CapturedLog implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final WriterAppender appender;

    private CapturedLog() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("captured-" + System.nanoTime())
                .setLayout(PatternLayout.newBuilder().withPattern("%-5level %c{1} - %msg%n%throwable").build())
                .setTarget(text).build();
        appender.start();
        configuration.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    public synchronized String text() {
        return text.toString();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
